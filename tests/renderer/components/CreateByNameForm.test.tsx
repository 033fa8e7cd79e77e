// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CreateByNameForm } from '../../../renderer/src/components/CreateByNameForm.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
afterEach(cleanup);

function setup(answer: (name: string) => Promise<boolean>) {
  const names: string[] = [];
  render(
    <CreateByNameForm
      label="Create a bot"
      heading="New bot"
      fieldLabel="Bot name"
      placeholder="Bot name"
      maxLength={100}
      submit="Create"
      onCreate={(name) => {
        names.push(name);
        return answer(name);
      }}
    />,
  );
  const field = screen.getByLabelText('Bot name') as HTMLInputElement;
  const button = screen.getByRole('button', { name: 'Create' });
  return { names, field, button };
}

describe('<CreateByNameForm>', () => {
  it('is a named form whose field has a label and the limit given', () => {
    const { field } = setup(async () => true);
    expect(screen.getByRole('form', { name: 'Create a bot' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Bot name' })).toBe(field);
    expect(field.maxLength).toBe(100);
    expect(field.getAttribute('aria-invalid')).toBeNull();
  });

  it('creates with the trimmed name and empties the field once created', async () => {
    const { names, field, button } = setup(async () => true);
    fireEvent.change(field, { target: { value: '  Support bot ' } });
    await act(async () => fireEvent.click(button));
    expect(names).toEqual(['Support bot']);
    expect(field.value).toBe('');
  });

  it('keeps the name when it was not created (the store announced why), so it can be fixed and sent again', async () => {
    const { names, field, button } = setup(async () => false);
    fireEvent.change(field, { target: { value: 'Support bot' } });
    await act(async () => fireEvent.click(button));
    expect(names).toEqual(['Support bot']);
    expect(field.value).toBe('Support bot');
    expect((button as HTMLButtonElement).disabled).toBe(false);
  });

  it('announces a blank name as an alert tied to the field, and creates nothing', async () => {
    const { names, field, button } = setup(async () => true);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('');
    fireEvent.change(field, { target: { value: '   ' } });
    await act(async () => fireEvent.click(button));
    expect(names).toEqual([]);
    expect(alert.textContent).toBe('✗ Bot name must not be empty.');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toBe(alert.id);

    fireEvent.change(field, { target: { value: 'Support bot' } });
    expect(alert.textContent).toBe('');
    expect(field.getAttribute('aria-invalid')).toBeNull();
  });

  it('sends once while a creation is under way', async () => {
    let finish: (created: boolean) => void = () => undefined;
    const { names, field, button } = setup(() => new Promise((resolve) => (finish = resolve)));
    fireEvent.change(field, { target: { value: 'Support bot' } });
    await act(async () => fireEvent.click(button));
    expect((button as HTMLButtonElement).disabled).toBe(true);
    fireEvent.submit(screen.getByRole('form'));
    expect(names).toEqual(['Support bot']);
    await act(async () => finish(true));
    expect((button as HTMLButtonElement).disabled).toBe(false);
  });
});
