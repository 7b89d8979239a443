import type { Io } from '../io.ts'
import type { RevertRequest } from './migrate-args.ts'
export const revertCommand = async (_r: RevertRequest, _io: Io): Promise<number> => Promise.reject(new Error('todo'))
