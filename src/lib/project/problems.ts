/** A finding about a file, in the shape every output format (human, json, github) prints. */
export interface Problem {
  /** Path relative to the project root, with forward slashes. */
  file: string;
  /** 1-based; 1 when the problem is about the whole file. */
  line: number;
  /** 1-based; 1 when unknown. */
  column: number;
  /** Stable id such as `schema/unknown-key`; herald.yaml's `rules` can change its severity. */
  rule: string;
  severity: Severity;
  /** Plain language: what is wrong and what to do. */
  message: string;
}

export type Severity = 'error' | 'warning';

export interface Position {
  line: number;
  column: number;
}

export const fileStart: Position = { line: 1, column: 1 };

export function problem(
  file: string,
  at: Position,
  rule: string,
  message: string,
  severity: Severity = 'error',
): Problem {
  return { file, line: at.line, column: at.column, rule, severity, message };
}

export function byLocation(a: Problem, b: Problem): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule);
}
