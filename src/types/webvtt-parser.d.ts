/**
 * webvtt-parser 2.2 ships no types: the part of its API Herald uses (parser.js, WebVTTParser.parse),
 * whose errors carry a 1-based line.
 */
declare module 'webvtt-parser' {
  interface ParseError {
    message: string;
    line: number;
    col?: number;
  }
  interface WebVTTParser {
    parse(input: string, mode?: 'metadata' | 'chapters'): { cues: unknown[]; errors: ParseError[] };
  }
  const parser: { WebVTTParser: new () => WebVTTParser };
  export default parser;
}
