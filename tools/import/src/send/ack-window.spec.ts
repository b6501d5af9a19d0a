import { AckWindow } from './ack-window';

describe('AckWindow', () => {
  it('moves the durable position only over requests answered without a gap', () => {
    const window = new AckWindow(10);
    const first = window.open(20);
    const second = window.open(30);
    const third = window.open(40);
    expect(window.complete(second)).toBeUndefined();
    expect(window.complete(third)).toBeUndefined();
    expect(window.durable).toBe(10);
    expect(window.complete(first)).toBe(40);
    expect(window.inFlight).toBe(0);
  });

  it('settles trailing groups without calls only once nothing is in flight', () => {
    const window = new AckWindow(0);
    const seq = window.open(5);
    expect(window.settle(8)).toBeUndefined();
    window.complete(seq);
    expect(window.settle(8)).toBe(8);
  });
});
