// The parser's public types.
import type { DType, Tensor } from '../engine/types';
import type { TextOrigin } from './parseError';

export type ActivationFormat = 'json' | 'csv' | 'python';

export interface ParseOptions {
  /** Default 'float32'. A printed dtype=float64 (or torch.float64) wins. */
  dtype?: DType;
  /** 1-based document position of the text's first character; errors are reported in document coordinates. */
  origin?: TextOrigin;
  /** Refuse (with a ParseError) input holding more values than this. */
  maxValues?: number;
}

/** Something the user should know about how the numbers were read, at its 1-based document position. */
export interface ParseWarning {
  message: string;
  line: number;
  column: number;
}

export interface ParsedActivations extends Tensor {
  format: ActivationFormat;
  /** Column names from a CSV header row. */
  columnLabels?: string[];
  /** The first number too large for the dtype, which became ±Infinity. */
  warning?: ParseWarning;
}
