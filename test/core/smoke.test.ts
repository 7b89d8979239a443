import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as core from '@paymux/core/adapter'

test('core entry exports the contract names', () => {
  for (const name of ['PaymuxError', 'isPaymuxError', 'createPaginator', 'createTransport', 'PaymentLink', 'Money']) {
    assert.ok(name in core, name)
  }
})

test.run()
