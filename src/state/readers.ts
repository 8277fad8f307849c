// Parsing an interaction log or a text off the main thread (src/app/workerReaders.ts runs it in a Web
// Worker; tests can run it in place). A job reports progress, can be cancelled, and settles with
// the parsed log or the reason it was refused.

import type { ParsedLog, ParseOptions } from '../engine/input/interactions.ts';
import type { ParsedText, TextOptions } from '../engine/input/text.ts';

export interface Job<T> {
  done: Promise<T>;
  /** Stops the work; `done` then never settles. */
  cancel(): void;
}

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
