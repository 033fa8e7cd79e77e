import { describe, expectTypeOf, it } from 'vitest';
import type {
  ClientFrame as PlatformClientFrame,
  ServerFrame as PlatformServerFrame,
  WireMessage as PlatformWireMessage,
} from '../../../main/platform/widget-protocol.ts';
import type {
  ClientFrame as WidgetClientFrame,
  ServerFrame as WidgetServerFrame,
  WireMessage as WidgetWireMessage,
} from '../../../renderer/widget/frames.ts';

// The widget keeps plain-type copies of the protocol so its bundle stays free of zod. These
// type-level assertions fail to compile (under tsc and vitest's typecheck) when the copies drift.
describe('widget frames mirror the platform protocol', () => {
  it('WireMessage is the same type', () => {
    expectTypeOf<WidgetWireMessage>().toEqualTypeOf<PlatformWireMessage>();
  });

  it('ClientFrame is the same union', () => {
    expectTypeOf<WidgetClientFrame>().toEqualTypeOf<PlatformClientFrame>();
    // Frame by frame, so a drift points at the frame that changed.
    expectTypeOf<Extract<WidgetClientFrame, { type: 'hello' }>>().toEqualTypeOf<Extract<PlatformClientFrame, { type: 'hello' }>>();
    expectTypeOf<Extract<WidgetClientFrame, { type: 'message' }>>().toEqualTypeOf<Extract<PlatformClientFrame, { type: 'message' }>>();
    expectTypeOf<Extract<WidgetClientFrame, { type: 'ack' }>>().toEqualTypeOf<Extract<PlatformClientFrame, { type: 'ack' }>>();
    expectTypeOf<Extract<WidgetClientFrame, { type: 'reset' }>>().toEqualTypeOf<Extract<PlatformClientFrame, { type: 'reset' }>>();
  });

  it('ServerFrame is the same union', () => {
    expectTypeOf<WidgetServerFrame>().toEqualTypeOf<PlatformServerFrame>();
  });
});
