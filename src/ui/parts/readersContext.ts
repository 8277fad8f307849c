// Where files and texts are read (src/app/workerReaders.ts: a Web Worker), for every panel that reads data.

import { createContext } from 'react';
import type { DataReaders } from '../../state/readers.ts';

export const ReadersContext = createContext<DataReaders | null>(null);
