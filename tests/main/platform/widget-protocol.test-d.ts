import type { z } from 'zod';
import { describe, expectTypeOf, it } from 'vitest';
import type { ClientFrame } from '../../../main/common/widget-frames.ts';
import type { clientFrameSchema } from '../../../main/platform/widget-protocol.ts';

describe('the widget protocol (types only)', () => {
  it('validates exactly the frames the widget builds (main/common/widget-frames.ts)', () => {
    expectTypeOf<z.infer<typeof clientFrameSchema>>().toEqualTypeOf<ClientFrame>();
    expectTypeOf<Extract<z.infer<typeof clientFrameSchema>, { type: 'hello' }>>().toEqualTypeOf<Extract<ClientFrame, { type: 'hello' }>>();
  });
});
