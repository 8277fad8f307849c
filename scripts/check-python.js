// Runs before `npm test`: the PyTorch-export tests run the exported scripts with a Python that has
// torch and numpy. Says what to do when there is none, instead of failing deep inside a test.
import { execFileSync } from 'node:child_process';
import { pythonPath } from './python.js';

try {
  execFileSync(pythonPath, ['-c', 'import torch, numpy'], { stdio: 'pipe' });
} catch {
  console.error(
    `${pythonPath} cannot import torch and numpy. Install them (Debian/Ubuntu: sudo apt-get install -y ` +
      'python3-torch, which serves /usr/bin/python3), or point FASGD_PYTHON at a Python that has them.',
  );
  process.exit(1);
}
