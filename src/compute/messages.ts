// Requests to the compute worker and its replies, matched by id.
import type { ValueWindow } from '../protocol';
import type { LoadReply, LoadRequest, RunReply, RunSettings } from './session';

export type ComputeRequest =
  | { id: number; kind: 'load'; request: LoadRequest }
  | { id: number; kind: 'run'; settings: RunSettings }
  | { id: number; kind: 'window'; offset: number; count: number };

export type ComputeReply =
  | { id: number; kind: 'load'; reply: LoadReply }
  | { id: number; kind: 'run'; reply: RunReply }
  | { id: number; kind: 'window'; reply: ValueWindow | undefined }
  | { id: number; kind: 'crash'; message: string };
