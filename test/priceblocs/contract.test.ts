import { priceblocs } from '@paymux/priceblocs'
import { startSandbox } from '@paymux/priceblocs/sandbox'
import { testProvider } from '../helpers/provider-contract.ts'
import { noWait } from './support.ts'

// The shared provider suite, against the PriceBlocs sandbox over real HTTP.
testProvider({
  name: 'priceblocs',
  startSandbox: (o) => startSandbox(o),
  make: (o) => priceblocs({ ...o, retry: { ...noWait, ...o.retry } }),
  maxPageSize: 20,
})
