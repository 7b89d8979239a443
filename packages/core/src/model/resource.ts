/** The three neutral resources every adapter offers (some refuse operations on them). */
export type ResourceName = 'paymentLinks' | 'checkoutSessions' | 'paymentIntents'
