// The Python that runs the exported PyTorch scripts in tests: Debian's /usr/bin/python3 (which has
// python3-torch) by default; set FASGD_PYTHON to use another interpreter with torch and numpy.

/** @type {string} */
export const pythonPath = process.env.FASGD_PYTHON || '/usr/bin/python3';
