import { afterEach, expect, test, vi } from 'vitest';
import { runFrame, scheduleFrameJob, waitingJobs } from './frameQueue.ts';

const frames: (() => void)[] = [];
vi.stubGlobal('requestAnimationFrame', (f: () => void) => frames.push(f));
afterEach(() => void (frames.length = 0));

test('each frame runs one job, oldest first, and asks for another frame while jobs wait', () => {
  const ran: string[] = [];
  const [a, b, c] = [{}, {}, {}];
  scheduleFrameJob(a, () => ran.push('a'));
  scheduleFrameJob(b, () => ran.push('b'));
  scheduleFrameJob(c, () => ran.push('c'));
  expect(frames.length).toBe(1); // one frame asked for, however many jobs
  frames.shift()!();
  expect(ran).toEqual(['a']);
  expect(waitingJobs()).toBe(2);
  frames.shift()!();
  frames.shift()!();
  expect(ran).toEqual(['a', 'b', 'c']);
  expect(frames.length).toBe(0); // nothing waits: no frame asked for
});

test('a newer job of a waiting owner replaces the old one in its place', () => {
  const ran: string[] = [];
  const [a, b] = [{}, {}];
  scheduleFrameJob(a, () => ran.push('a1'));
  scheduleFrameJob(b, () => ran.push('b'));
  scheduleFrameJob(a, () => ran.push('a2'));
  runFrame();
  runFrame();
  expect(ran).toEqual(['a2', 'b']);
  expect(waitingJobs()).toBe(0);
});
