import { MAX_PAGE_SIZE, wooshpay } from '@paymux/wooshpay'
import { startSandbox } from '@paymux/wooshpay/sandbox'
import { testProvider } from '../helpers/provider-contract.ts'

testProvider({
  name: 'wooshpay',
  startSandbox: (o) => startSandbox(o),
  make: (o) => wooshpay(o),
  maxPageSize: MAX_PAGE_SIZE,
})
