// A button-looking label that opens a file picker and hands over the chosen file (the input is
// cleared, so choosing the same file again works). Keyboard: the hidden input keeps focus.

export function FileButton({ label, accept, onFile }: { label: string; accept: string; onFile(file: File): void }) {
  return (
    <label className="file">
      {label}
      <input
        type="file"
        accept={accept}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </label>
  );
}
