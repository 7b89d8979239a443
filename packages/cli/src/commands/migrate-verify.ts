import type { Io } from '../io.ts'
import type { VerifyRequest } from './migrate-args.ts'
export const verifyCommand = async (_r: VerifyRequest, _io: Io): Promise<number> => Promise.reject(new Error('todo'))
