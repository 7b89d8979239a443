import { MAX_PAGE_SIZE, wooshpay } from '@paymux/wooshpay'
import { startSandbox } from '@paymux/wooshpay/sandbox'
import { testProvider } from '../helpers/provider-contract.ts'

testProvider({
  name: 'wooshpay',
  // The suite seeds 45 objects, but its resume test needs a list longer than one page at the
  // largest page size (WooshPay's is 100), so the sandbox holds at least two full pages and a bit.
  // The suite compares against `sb.ids()`, never against its own count, so this changes no check.
  startSandbox: (o) => startSandbox({ ...o, count: Math.max(o.count ?? 0, 2 * MAX_PAGE_SIZE + 5) }),
  make: (o) => wooshpay(o),
  maxPageSize: MAX_PAGE_SIZE,
})
