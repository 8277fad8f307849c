// What a run on a text is told besides its pairs: how it was read (for a PyTorch export, and so a
// link's reader reads the same), and its words with their counts (the charts and the meaning views
// name rows by them).

import type { DataReading } from '../../engine/input/pairData.ts';
import type { TextCorpus, TextOptions } from '../../engine/input/text.ts';

export const textRun = ({
  corpus,
  options: { vocabulary, window, lowercase },
}: {
  corpus: TextCorpus;
  options: TextOptions;
}) => {
  const reading: DataReading = { source: 'text', vocabulary, window, lowercase };
  return { reading, names: { rows: corpus.rows, items: corpus.rows, rowCounts: corpus.rowCounts } };
};
