// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Environment } from '../../../../main/api/contract.ts';
import { EnvironmentsDialog } from '../../../../renderer/src/screens/webhooks/EnvironmentsDialog.tsx';
import { FakeClient } from '../../../mocks/fake-client.ts';
import { renderWithStore } from '../../render.ts';

const staging: Environment = {
  id: 'e1',
  name: 'Staging',
  variables: [
    { key: 'userId', value: 'User123', secret: false },
    { key: 'token', value: 's3cret', secret: true },
  ],
};

describe('<EnvironmentsDialog>', () => {
  it('masks a secret until shown', async () => {
    const client = new FakeClient({ 'environments.list': () => [staging] });
    const { store } = renderWithStore(<EnvironmentsDialog onClose={() => undefined} />, client);
    await act(() => store.getState().loadEnvironments());
    const secret = screen.getByLabelText('Variable 2 value') as HTMLInputElement;
    expect([secret.type, secret.value]).toEqual(['password', 's3cret']);
    expect((screen.getByLabelText('Variable 1 value') as HTMLInputElement).type).toBe('text');
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect((screen.getByLabelText('Variable 2 value') as HTMLInputElement).type).toBe('text');
  });

  it('creates an environment, selects it for the next send', async () => {
    const client = new FakeClient({
      'environments.save': ({ name, variables }) => ({ environments: [{ id: 'e2', name, variables }], id: 'e2' }),
    });
    const { store } = renderWithStore(<EnvironmentsDialog onClose={() => undefined} />, client);
    fireEvent.click(screen.getByTestId('environment-new'));
    fireEvent.change(screen.getByTestId('environment-name'), { target: { value: 'Local' } });
    fireEvent.change(screen.getByLabelText('Variable 1 name'), { target: { value: 'orderId' } });
    fireEvent.change(screen.getByLabelText('Variable 1 value'), { target: { value: '42' } });
    fireEvent.click(screen.getByLabelText('Variable 1 is a secret'));
    fireEvent.click(screen.getByTestId('environment-save'));
    await waitFor(() => expect(store.getState().selectedEnvironmentId).toBe('e2'));
    expect(client.paramsOf('environments.save')).toEqual([{ name: 'Local', variables: [{ key: 'orderId', value: '42', secret: true }] }]);
  });

  it('shows main’s refusal (a bad variable name) with its code', async () => {
    const client = new FakeClient({ 'environments.list': () => [staging] }).fail('environments.save', {
      code: 'BOTBENCH_ERR_VALIDATION',
      message: 'environments.save: variables.0.key: a variable name is a letter or _ then letters, digits, _ . or - (e.g. userId).',
    });
    const { store } = renderWithStore(<EnvironmentsDialog onClose={() => undefined} />, client);
    await act(() => store.getState().loadEnvironments());
    fireEvent.click(screen.getByTestId('environment-save'));
    expect((await screen.findByTestId('environment-error')).textContent).toContain('BOTBENCH_ERR_VALIDATION');
  });
});
