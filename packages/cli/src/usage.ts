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
  paymux migrate <resource> --from P --to Q --apply --journal FILE [--concurrency N] [--rps N]
                 [--results FILE.ndjson|FILE.csv] [--success-url URL] [--force] [--sandbox]
  paymux migrate <resource> --from P --to Q --verify --journal FILE [--results FILE]
  paymux migrate <resource> --to Q --revert --journal FILE [--results FILE] [--sandbox]
  paymux create <resource> --provider P --data JSON|@file [--idempotency-key K] [--sandbox]
  paymux update payment-links <id> --data JSON|@file [--provider P] [--idempotency-key K]
  paymux delete payment-links <id>, paymux expire checkout-sessions <id>,
  paymux confirm|capture|cancel|refund payment-intents <id> [--data JSON]
         (each with [--provider P] [--idempotency-key K] [--sandbox])
  paymux sandbox [--port N] [--count N] [--faults RATE] [--write-faults RATE] [--latency MS]
                 [--seed N] [--rate-limit RPS [--no-retry-after]]
  paymux listen --forward-to URL [--events TYPE,...] [--port N] [--provider wooshpay]
  paymux trigger <event-type> [--provider wooshpay]

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
again with the --idempotency-key printed; a migration: run the same command again to
settle it), 75 temporary failure (run the same export again with --resume, the same
migration again as it is), 130 / 143 stopped by Ctrl-C / SIGTERM
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
       paymux migrate <resource> --from P --to Q --apply --journal FILE [options]
       paymux migrate <resource> --from P --to Q --verify --journal FILE [--results FILE]
       paymux migrate <resource> --to Q --revert --journal FILE [--results FILE]

Copies a provider's objects to another, exactly once, resumable after a crash. Give one mode:

  --dry-run               plan only: read every object of P and report, per field and in
                          total, what Q can store, what would be dropped (named), and which
                          objects Q cannot hold and why. Nothing is written; Q is not called
  --apply                 copy every migratable object of P to Q. Each object is recorded
                          in the journal before its create is sent and right after it is
                          answered, so a run killed at any moment and started again with
                          the same journal ends with exactly one copy of each object
  --verify                read every copy the journal names back from Q and compare what
                          was carried with the source object
  --revert                deactivate or delete on Q what the journal created, nothing else

  <resource>              payment-links (payment intents and checkout sessions are records
                          of payments: the plan reports them as not migratable)
  --from P                wooshpay | priceblocs: the source (not with --revert: the journal
                          names it)
  --to Q                  wooshpay | priceblocs: the target (required)
  --json                  --dry-run: the plan as JSON (per-object entries for the first 1000
                          objects; totals, field counts and reasons cover every object)
  --journal FILE          --apply, --verify, --revert: the migration's journal (NDJSON, one
                          fsynced line per step); created by the first --apply, continued by
                          every later one
  --concurrency N         --apply: objects copied at once (1 to 64; default: the library's)
  --rps N                 --apply: at most N requests per second to Q (1 to 10000)
  --results FILE          one line per object (source id, outcome, target id, reason):
                          NDJSON for FILE.ndjson, CSV for FILE.csv; replaced on every run
  --success-url URL       --apply: where buyers of the copied links go after paying. A
                          target without idempotency keys (PriceBlocs) keeps the migration's
                          marker in it, so a rerun finds a copy whose create answer was lost;
                          without it such a create ends as outcome unknown (exit 3), never
                          as a second copy
  --force                 --apply: use a journal written for another source, target,
                          resource or filters (refused otherwise)
  --sandbox               a provider without a key is the built-in sandbox of this run (without
                          it, a missing key is an error: no copy lands in a fake by mistake).
                          The built-in sandboxes end with the run, so a resume, --verify and
                          --revert need shared ones: paste the lines of \`paymux sandbox\`

A progress bar goes to stderr on a terminal; a summary line ends every run.

Exit codes: 0 done (every migratable object copied, verified or reverted); 75 resumable
(the run stopped early or some objects failed for now: run the same command again, it
continues from the journal); 3 needs settling (a write's outcome is unknown: run the same
command again, it settles those first); 1 failed (objects refused by Q, or copies that
differ: see the results); 2 a usage error (nothing was read or written); 130 / 143 after
Ctrl-C / SIGTERM (the journal is kept: run the same command again).

Example: paymux migrate payment-links --from wooshpay --to priceblocs --dry-run
         paymux migrate payment-links --from wooshpay --to priceblocs --apply --journal links.journal
`

export const SANDBOX_HELP = `Usage: paymux sandbox [--port N] [--count N] [--faults RATE] [--write-faults RATE]
                      [--latency MS] [--seed N] [--rate-limit RPS [--no-retry-after]]

Serves the WooshPay and PriceBlocs sandboxes (local fake APIs with seeded data) and prints
their base URLs and test keys as lines to paste into a shell. The keys are the sandboxes'
own test keys, not secrets. Runs until Ctrl-C or SIGTERM, then exits 0.

  --port N                WooshPay on N, PriceBlocs on N+1 (default: 4010; 0 picks free ports)
  --count N               objects seeded per resource (default: 250)
  --faults RATE           fraction of requests (0 to 1) that fail with a 429, 5xx or a reset
  --write-faults RATE     fraction of writes (0 to 1) carried out whose answer is then lost
                          (the connection drops): a client cannot tell they happened
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

export const LISTEN_HELP = `Usage: paymux listen --forward-to URL [--events TYPE,...] [--port N]

Receives the WooshPay sandbox's webhooks on this machine, as stripe listen does: registers a
webhook endpoint on the sandbox, prints its signing secret (whsec_..., a secret of that
sandbox only: verify with it), and forwards every delivery to URL with its body and
Wooshpay-Signature header unchanged, printing one line per event with your server's answer.
That answer goes back to the sandbox, which retries a non-2xx one with backoff. Runs until
Ctrl-C or SIGTERM, then deletes the endpoint and exits 0.

  -f, --forward-to URL    where to POST each delivery (required), e.g.
                          http://localhost:3000/webhooks
  --events TYPE,...       only these event types (default: every event); see paymux trigger
                          --help for the types the sandbox sends
  --port N                port of the sandbox listen starts (default: 4010; 0 picks a free one)
  --provider wooshpay     the only provider with webhooks (PriceBlocs documents none)

Which sandbox: with WOOSHPAY_BASE_URL and WOOSHPAY_API_KEY set to a local sandbox (the
lines paymux sandbox prints), that one; without them, listen starts the built-in sandbox in
its own process and prints the two lines for paymux trigger in another shell. A real
WooshPay account (a base URL that is not this machine) is refused: WooshPay documents no
API that forwards deliveries to a local machine; give it a public https URL instead.

Example: paymux listen --forward-to http://localhost:3000/webhooks
`

export const TRIGGER_HELP = `Usage: paymux trigger <event-type> [--provider wooshpay]

Makes the WooshPay sandbox change state so that it sends <event-type>, as stripe trigger
does: the fixture makes the writes an application would (through the paymux adapter), and
the sandbox's test helper where WooshPay has no API (a buyer paying a checkout session).
Prints each step and every event emitted. The sandbox is the one WOOSHPAY_BASE_URL and
WOOSHPAY_API_KEY name: export the lines paymux listen (or paymux sandbox) printed.

  <event-type>            payment_intent.created, payment_intent.succeeded,
                          payment_intent.amount_capturable_updated (authorised, to capture),
                          payment_intent.canceled, checkout.session.completed,
                          checkout.session.expired, refund.created, charge.refund.updated
                          (or charge.refunded: both emitted by a refund),
                          payment_link.created, payment_link.updated
  --provider wooshpay     the only provider with webhooks (PriceBlocs documents none)

Exit codes: 0 done; 1 failed (no sandbox, a real account, a refused write); 2 a usage error.

Example: paymux trigger payment_intent.succeeded
`
