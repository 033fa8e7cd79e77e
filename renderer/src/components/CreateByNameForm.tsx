import { useId, useState, type ReactNode } from 'react';

export interface CreateByNameFormProps {
  /** The form's accessible name, e.g. "Create a bot". */
  label: string;
  /** A visible heading above the field, e.g. "New bot". */
  heading?: string;
  /** The name field's label (read by screen readers; the placeholder shows the sighted what to type). */
  fieldLabel: string;
  placeholder: string;
  /** The platform's limit for the name. */
  maxLength: number;
  /** What the button says; with `submitLabel`, an icon whose accessible name that is. */
  submit: ReactNode;
  submitLabel?: string;
  className?: string;
  buttonClassName?: string;
  nameTestId?: string;
  submitTestId?: string;
  /** Creates the thing; answers whether it was created. A refusal is the store's toast (an alert), so the form keeps the name to fix. */
  onCreate(name: string): Promise<boolean>;
  /** More fields, below the name (a bin's response). */
  children?: ReactNode;
}

/**
 * A name field and a Create button: the bots', request bins', collections' and people's "new …"
 * forms. The name is sent trimmed; submitting a blank one says so beside the field, announced, and
 * the field is marked invalid, instead of a silently disabled button.
 */
export function CreateByNameForm(props: CreateByNameFormProps) {
  const { label, heading, fieldLabel, placeholder, maxLength, submit, submitLabel, onCreate, children } = props;
  const id = useId();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [blank, setBlank] = useState(false);
  const errorId = `${id}-error`;
  return (
    <form
      className={props.className}
      aria-label={label}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (busy) return;
        const trimmed = name.trim();
        if (!trimmed) {
          setBlank(true);
          return;
        }
        setBusy(true);
        void onCreate(trimmed).then((created) => {
          setBusy(false);
          if (created) setName('');
        });
      }}
    >
      {heading ? <h3 className="section-title">{heading}</h3> : null}
      <div className="input-row">
        <label className="visually-hidden" htmlFor={`${id}-name`}>
          {fieldLabel}
        </label>
        <input
          id={`${id}-name`}
          data-testid={props.nameTestId}
          placeholder={placeholder}
          maxLength={maxLength}
          value={name}
          aria-invalid={blank || undefined}
          aria-describedby={blank ? errorId : undefined}
          onChange={(e) => {
            setName(e.target.value);
            if (e.target.value.trim()) setBlank(false);
          }}
        />
        <button
          type="submit"
          className={props.buttonClassName ?? 'btn btn-primary'}
          data-testid={props.submitTestId}
          aria-label={submitLabel}
          disabled={busy}
        >
          {submit}
        </button>
      </div>
      {/* Always in the page, so the alert is read when its text appears. */}
      <p id={errorId} className={blank ? 'check check-bad' : 'visually-hidden'} role="alert">
        {blank ? `✗ ${fieldLabel} must not be empty.` : ''}
      </p>
      {children}
    </form>
  );
}
