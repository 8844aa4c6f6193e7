import { expectTypeOf } from 'expect-type';
import {
  BlbError,
  isBlbError,
  toBceResponse,
  type BceErrorBody,
  type BlbErrorCode,
  type MessageSlot,
} from '../src/index.js';

// These assertions are checked by `tsc` (npm run typecheck); jest only runs them.
describe('types', () => {
  it('types status as the catalog literal', () => {
    expectTypeOf(new BlbError('InstanceNotFound').status).toEqualTypeOf<404>();
    expectTypeOf(new BlbError('LastOperationNotFinished').statusCode).toEqualTypeOf<409>();
    expectTypeOf(new BlbError('AccessDenied').code).toEqualTypeOf<'AccessDenied'>();
  });

  it('requires the params a message has slots for, and only those', () => {
    new BlbError('MissingParameter', { params: { parameterName: 'vpcId' } });
    new BlbError('RequestExpired', { params: { timestamp: '2024-01-01T00:00:00Z' } });
    // @ts-expect-error MissingParameter has a slot: params are required
    new BlbError('MissingParameter');
    // @ts-expect-error the slot is parameterName, not name
    new BlbError('InvalidParameter', { params: { name: 'x' } });
    // @ts-expect-error InstanceNotFound has no slot, so no params
    new BlbError('InstanceNotFound', { params: { parameterName: 'x' } });
    // @ts-expect-error not a catalog code (and a TypeError at run time)
    expect(() => new BlbError('InstanceNotFund')).toThrow(TypeError);
    expectTypeOf<MessageSlot<'InvalidParameter'>>().toEqualTypeOf<'parameterName'>();
    expectTypeOf<MessageSlot<'InternalError'>>().toEqualTypeOf<never>();
  });

  it('narrows with isBlbError', () => {
    const value: unknown = new BlbError('ListenerNotFound');
    if (isBlbError(value, 'ListenerNotFound')) {
      expectTypeOf(value).toEqualTypeOf<BlbError<'ListenerNotFound'>>();
      expectTypeOf(value.status).toEqualTypeOf<404>();
    }
    if (isBlbError(value)) expectTypeOf(value.code).toEqualTypeOf<BlbErrorCode>();
  });

  it('types the wire status as a plain number: a foreign error keeps its own', () => {
    const response = toBceResponse(new Error('x'), 'r-1');
    expectTypeOf(response.status).toEqualTypeOf<number>();
    expectTypeOf(response.body).toEqualTypeOf<BceErrorBody>();
    expectTypeOf(response.body.code).toEqualTypeOf<BlbErrorCode>();
  });
});
