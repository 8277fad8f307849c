// Parsing an interaction log or a text off the main thread (src/app/readClient.ts runs it in a Web
// Worker; tests can run it in place). A job reports progress, can be cancelled, and settles with
// the parsed log or the reason it was refused.

import type { ParsedLog, ParseOptions } from '../engine/input/interactions.ts';
import type { ParsedText, TextOptions } from '../engine/input/text.ts';
import type { Job } from '../engine/rpc.ts';

export type { Job } from '../engine/rpc.ts';

/** The parsed log (or why not); `text` is the generated file of a sample job. */
export type LogReadJob = Job<ParsedLog & { text?: string }>;

export interface DataReaders {
  /** Reads and parses a file; `progress` gets the fraction of lines read. */
  parse(file: Blob, options: ParseOptions, progress: (fraction: number) => void): LogReadJob;
  /** Generates a realistic sample log (Zipf users and items, ratings, timestamps) and parses it. */
  sample(options: ParseOptions, progress: (fraction: number) => void): LogReadJob;
  /** Reads a text (a file, or pasted) into words and skip-gram pairs. */
  text(source: Blob | string, options: TextOptions, progress: (fraction: number) => void): Job<ParsedText>;
}

/** The reading worker's methods (src/app/read.worker.ts): each reports the fraction read. */
export type ReadMethods = {
  parse: { args: { file: Blob; options: ParseOptions }; reply: ParsedLog; progress: number };
  sample: { args: { options: ParseOptions }; reply: ParsedLog & { text: string }; progress: number };
  text: { args: { source: Blob | string; options: TextOptions }; reply: ParsedText; progress: number };
};
