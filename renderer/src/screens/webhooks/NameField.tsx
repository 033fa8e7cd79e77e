/** The Name field of what the composer keeps by name: a saved request, an environment. */
export function NameField({
  value,
  onChange,
  placeholder,
  testId,
}: {
  value: string;
  onChange: (name: string) => void;
  placeholder: string;
  testId: string;
}) {
  return (
    <label className="field">
      <span className="field-label">Name</span>
      <input data-testid={testId} value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}
