// What the page asks the engine worker to watch of a run's meaning (MeaningWatch), and what it
// reports back now and then (MeaningReport): the agreement of each lane with the data's reference
// by bucket (text runs), one word's neighbours per lane, a projection of each lane's table, and one
// followed row's life. Rows are first-table rows (tokens, users, words) by rank.

import type { RowUpdate } from './rowUpdate.ts';

export interface MeaningWatch {
  /** Row whose neighbours to list (null: none). */
  query: number | null;
  /** Neighbours listed per lane (1 to MAX_NEIGHBOURS). */
  k: number;
  /** Neighbours are rows [0, among) of the first table (0: the frequent words the agreement uses). */
  among: number;
  /** Whether to project each lane's table. */
  projection: boolean;
  /** Row to follow (null: none). */
  follow: number | null;
  /** Rows never a query or a neighbour (a text's bucket of the words outside its vocabulary). */
  exclude: number[];
}

export const MAX_NEIGHBOURS = 30;

export const NO_WATCH: MeaningWatch = { query: null, k: 8, among: 0, projection: false, follow: null, exclude: [] };

/** A lane's nearest rows by cosine, best first. */
export interface NeighbourList {
  rows: number[];
  cos: number[];
}

/** How the agreement is measured in this run. */
export interface AgreementInfo {
  /** Neighbours compared per query (overlap@k). */
  k: number;
  /** Candidates: rows [0, among) of the first table. */
  among: number;
  /** Queries in head, torso, tail. */
  queries: [number, number, number];
}

/** The agreement a table of random rows would have: k of the other among − 1 candidates. */
export const agreementChance = ({ k, among }: Pick<AgreementInfo, 'k' | 'among'>) => k / (among - 1);

export interface FollowReport {
  row: number;
  /** Occurrences of the row so far (every engine counts them for CF-SGD). */
  count: number;
  /** Step of its last occurrence; null: not within SCAN_LIMIT steps back (or never, when count is 0). */
  lastSeen: number | null;
  /** Per lane of the first seed: the step it would take next, and its own loss (meaning/rowLoss.ts). */
  effStep: number[];
  loss: number[];
  /** Its last captured update (the one at step `update.step`), or null before the first. */
  update: RowUpdate | null;
}

export interface MeaningReport {
  /** Step of the tables the report was computed from. */
  step: number;
  /** [run lane][head, torso, tail] overlap@k with the reference (text runs), else null. */
  agreement: [number, number, number][] | null;
  agreementInfo: AgreementInfo | null;
  /** The query's neighbours in the reference and in each lane of the first seed. */
  neighbours: { query: number; among: number; reference: number[]; lanes: NeighbourList[] } | null;
  /** Sampled rows (shared) and each lane's projection of them (first seed). */
  projection: { rows: number[]; lanes: { xy: number[]; explained: [number, number] }[] } | null;
  follow: FollowReport | null;
}
