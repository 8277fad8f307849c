// Runs before `npm test`: the replay tests read exported videos and GIFs back with FFmpeg
// (ffprobe and ffmpeg). Says what to do when there is none, instead of failing deep inside a test.
import { execFileSync } from 'node:child_process';

try {
  execFileSync('ffprobe', ['-version'], { stdio: 'pipe' });
} catch {
  console.error('No ffprobe on the PATH. Install FFmpeg (Debian/Ubuntu: sudo apt-get install -y ffmpeg).');
  process.exit(1);
}
