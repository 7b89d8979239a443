import type { Io } from '../io.ts'
import type { ApplyRequest } from './migrate-args.ts'
export const applyCommand = async (_r: ApplyRequest, _io: Io): Promise<number> => Promise.reject(new Error('todo'))
