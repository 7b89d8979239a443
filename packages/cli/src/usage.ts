/** The `--help` texts, one per command, kept together so they read as one manual. */

export const MAIN_HELP = `paymux: one command line over several payment providers (WooshPay, PriceBlocs)

Usage:
  paymux list <resource> [--provider wooshpay|priceblocs|all] [--limit N] [filters]
              [--json | --table]
  paymux get <resource> <id> [--provider P] [--raw]
  paymux export <resource> --provider wooshpay|priceblocs|all --out FILE|- [--sandbox]
                [--format ndjson|csv] [--resume] [--force] [--parallel N | --sequential]
                [filters]
  paymux migrate <resource> --from P --to Q --dry-run [--json]
  paymux create <resource> --provider P --data JSON|@file [--idempotency-key K] [--sandbox]
  paymux update payment-links <id> --data JSON|@file [--provider P] [--idempotency-key K]
  paymux delete payment-links <id>, paymux expire checkout-sessions <id>,
  paymux confirm|capture|cancel|refund payment-intents <id> [--data JSON]
         (each with [--provider P] [--idempotency-key K] [--sandbox])
  paymux sandbox [--port N] [--count N] [--faults RATE] [--latency MS] [--seed N]
                 [--rate-limit RPS [--no-retry-after]]

Resources: payment-links, checkout-sessions, payment-intents (or payment_links, ...)
Filters:   --created-gte DATE  --created-lt DATE  --status S

Options:
  -h, --help     help (also after a command: paymux export --help)
  --version      print the version
  --debug        print the stack trace of an error

Environment:
  WOOSHPAY_API_KEY, PRICEBLOCS_API_KEY     secret keys; without one, paymux starts that
                                           provider's built-in sandbox and says so on stderr
  WOOSHPAY_BASE_URL, PRICEBLOCS_BASE_URL   API base URLs (default: the provider's host)

Exit codes: 0 ok, 1 failure, 2 usage error, 3 a write's outcome is unknown (run it
again with the --idempotency-key printed), 75 temporary failure (run the same export
again with --resume), 130 / 143 stopped by Ctrl-C / SIGTERM
`

export const LIST_HELP = `Usage: paymux list <resource> [options]

Lists objects newest first: a table on a terminal, NDJSON (one object per line) when piped.

  <resource>              payment-links | checkout-sessions | payment-intents
  --provider P            wooshpay | priceblocs | all (default: all, merged newest first;
                          a provider without the resource is skipped with a note)
  --limit N               at most N objects (default: 20)
  --created-gte DATE      created at or after DATE: YYYY, YYYY-MM, YYYY-MM-DD, ISO 8601
                          (UTC unless it has an offset), or Unix seconds as @1714521600
  --created-lt DATE       created before DATE
  --status S              only objects with this neutral status
  --json                  NDJSON even on a terminal
  --table                 the table even when piped (fits COLUMNS or the terminal width)

Example: paymux list payment-links --provider all --limit 5
`

export const GET_HELP = `Usage: paymux get <resource> <id> [--provider P] [--raw]

Prints one object as JSON: the neutral paymux object, or with --raw the provider's own.

  <resource>              payment-links | checkout-sessions | payment-intents
  <id>                    the object's id at the provider, or a global reference
                          provider:id (wooshpay:pi_123), which names the provider
  --provider P            wooshpay | priceblocs (required for a plain id)
  --raw                   the object as the provider sent it

Example: paymux get payment-intents wooshpay:pi_123
`

export const EXPORT_HELP = `Usage: paymux export <resource> --provider P --out FILE [options]

Streams every object to FILE with constant memory. After each page it appends the page,
fsyncs, and records its progress in FILE.checkpoint.json; after a crash or Ctrl-C,
--resume continues from there and the finished file holds every object exactly once.
The checkpoint file is removed when the export completes.

  <resource>              payment-links | checkout-sessions | payment-intents
  --provider P            wooshpay | priceblocs | all (required; all: merged newest first)
  -o, --out FILE          output file (required); - for standard output (no checkpoint,
                          no --resume, sequential unless --parallel is given)
  --sandbox               export from the built-in sandbox of a provider without a key
                          (without it, a missing key is an error: no fake data by mistake)
  --format F              ndjson | csv (default: csv for a .csv file, else ndjson); CSV
                          cells that a spreadsheet would run as a formula start with '
  --resume                continue the interrupted export of FILE (starts afresh when
                          there is no checkpoint)
  --force                 overwrite an existing FILE that is not an interrupted export
  --parallel N            requests in flight (default 8 where the listing allows it):
                          WooshPay payment intents and checkout sessions list N created
                          windows at once (1 to 64) and write objects in no particular
                          order; PriceBlocs fetches N pages at once (1 to 16), in order;
                          other listings fetch one page ahead and refuse N above 1
  --sequential            one listing, newest first, one page fetched ahead (--parallel 1)
  --created-gte DATE, --created-lt DATE, --status S   filters, as for list

Progress goes to stderr on a terminal; a summary line with the objects per second and
the mode is printed at the end. A resume may use another --parallel: an export started
in parallel resumes in parallel, a sequential one sequentially. If the provider breaks an
assumption of the parallel windows, the export starts over sequentially by itself.
A second export to the same FILE while one runs is refused (FILE.lock).

Exit codes: 0 done; 75 a temporary failure (run the same command with --resume); 1 a
permanent one (fix it first); 2 a usage error; 130 / 143 after Ctrl-C / SIGTERM (the
checkpoint is kept: --resume continues).

Example: paymux export payment-intents --provider wooshpay --out intents.csv
`

export const MIGRATE_HELP = `Usage: paymux migrate <resource> --from P --to Q --dry-run [--json]

Plans a migration: reads every object of <resource> from P and reports, per field and in
total, what Q can store of it, what would be dropped (named), and which objects Q cannot hold
at all and why. Nothing is written, and Q is not called: what Q can store comes from its
adapter's declared capabilities.

  <resource>              payment-links | checkout-sessions | payment-intents
  --from P                wooshpay | priceblocs: the source, read in full (required)
  --to Q                  wooshpay | priceblocs: the target (required)
  --dry-run               required: only the plan exists so far (writing comes later)
  --json                  the plan as JSON (per-object entries for the first 1000 objects;
                          totals, field counts and reasons cover every object)

Exit code 0 when the plan was made, whatever it finds.

Example: paymux migrate payment-links --from wooshpay --to priceblocs --dry-run
`

export const SANDBOX_HELP = `Usage: paymux sandbox [--port N] [--count N] [--faults RATE] [--latency MS] [--seed N]
                      [--rate-limit RPS [--no-retry-after]]

Serves the WooshPay and PriceBlocs sandboxes (local fake APIs with seeded data) and prints
their base URLs and test keys as lines to paste into a shell. The keys are the sandboxes'
own test keys, not secrets. Runs until Ctrl-C or SIGTERM, then exits 0.

  --port N                WooshPay on N, PriceBlocs on N+1 (default: 4010; 0 picks free ports)
  --count N               objects seeded per resource (default: 250)
  --faults RATE           fraction of requests (0 to 1) that fail with a 429, 5xx or a reset
  --latency MS            delay added to every response (default: 0)
  --seed N                seed of the generated data (default: 1)
  --rate-limit RPS        answer 429 beyond RPS requests per second per sandbox (a token
                          bucket of one second of requests), as a provider's rate limit does
  --no-retry-after        send those 429s without a Retry-After header
`

/** The write commands, each with its own help text. */
export type WriteVerb = 'create' | 'update' | 'delete' | 'expire' | 'confirm' | 'capture' | 'cancel' | 'refund'

const WRITE_COMMON = `  --provider P            wooshpay | priceblocs (required for a plain id; a global
                          reference such as wooshpay:pi_123 names the provider)
  --idempotency-key K     the key of this write (default: one made for the call). After
                          exit 3 (outcome unknown), run the same command with the key printed:
                          the provider answers the first write again instead of writing twice
  --sandbox               write to the built-in sandbox of a provider without a key (without
                          it, a missing key is an error: no write lands in a fake by mistake)
`

const DATA_FORMS = `The data is the neutral input of @paymux/core, as JSON: amounts as Money
{ "amount": 1000, "currency": "USD" } (minor units), dates as ISO 8601 strings.
Unknown fields and fields the provider cannot store are refused before any request.
`

const WRITE_EXIT = `Exit codes: 0 done (the object is printed as JSON); 1 refused or failed (nothing to
settle); 2 a usage error (nothing was sent); 3 the outcome is unknown (run again with the
--idempotency-key printed on stderr).
`

const actionHelp = (usage: string, what: string, data: string, example: string): string =>
  `Usage: ${usage}

${what}

  <id>                    the object's id at the provider, or a global reference provider:id
${data}${WRITE_COMMON}
${WRITE_EXIT}
Example: ${example}
`

const OPTIONAL_DATA = (what: string): string => `  --data JSON|@file       optional: ${what}
`

export const WRITE_HELP: Readonly<Record<WriteVerb, string>> = {
  create: `Usage: paymux create <resource> --provider P --data JSON|@file [options]

Creates one object and prints it as JSON (the neutral paymux object).

  <resource>              payment-links | checkout-sessions | payment-intents | refunds |
                          products | prices (or payment_links, ...)
  --data JSON|@file       the input, as JSON text or @file with it (required), e.g.
                          payment-links: {"lineItems":[{"priceData":{"currency":"usd",
                            "unitAmount":1000,"productName":"Tea"},"quantity":1}]}
                          payment-intents: {"amount":{"amount":1000,"currency":"USD"}}
                          refunds: {"paymentIntentId":"pi_123"}
${WRITE_COMMON}
${DATA_FORMS}
${WRITE_EXIT}
Example: paymux create products --provider wooshpay --data '{"name":"Tea"}'
`,
  update: actionHelp(
    'paymux update payment-links <id> --data JSON|@file [options]',
    'Changes the fields given of a payment link and prints the link as JSON.',
    `  --data JSON|@file       the fields to change (required): active, status, title,
                          description, metadata, successUrl
`,
    `paymux update payment-links wooshpay:plink_123 --data '{"active":false}'`,
  ),
  delete: actionHelp(
    'paymux delete payment-links <id> [options]',
    'Deletes a payment link and prints {"id", "provider", "deleted": true}.',
    '',
    'paymux delete payment-links wooshpay:plink_123',
  ),
  expire: actionHelp(
    'paymux expire checkout-sessions <id> [options]',
    'Expires an open checkout session and prints it as JSON.',
    '',
    'paymux expire checkout-sessions wooshpay:cs_123',
  ),
  confirm: actionHelp(
    'paymux confirm payment-intents <id> [--data JSON|@file] [options]',
    'Confirms a payment intent and prints it as JSON.',
    OPTIONAL_DATA('{"paymentMethodId":"pm_card_visa"}'),
    `paymux confirm payment-intents wooshpay:pi_123 --data '{"paymentMethodId":"pm_card_visa"}'`,
  ),
  capture: actionHelp(
    'paymux capture payment-intents <id> [--data JSON|@file] [options]',
    'Captures an authorized payment intent (all of it, or an amount) and prints it as JSON.',
    OPTIONAL_DATA('{"amount":{"amount":500,"currency":"USD"}}'),
    'paymux capture payment-intents wooshpay:pi_123',
  ),
  cancel: actionHelp(
    'paymux cancel payment-intents <id> [--data JSON|@file] [options]',
    'Cancels a payment intent and prints it as JSON.',
    OPTIONAL_DATA('{"reason":"requested_by_customer"}'),
    'paymux cancel payment-intents wooshpay:pi_123',
  ),
  refund: actionHelp(
    'paymux refund payment-intents <id> [--data JSON|@file] [options]',
    'Refunds a payment intent (all of it, or an amount) and prints the refund as JSON.',
    OPTIONAL_DATA('{"amount":{"amount":500,"currency":"USD"},"reason":"..."}'),
    'paymux refund payment-intents wooshpay:pi_123',
  ),
}
