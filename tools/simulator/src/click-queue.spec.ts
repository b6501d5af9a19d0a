import { ClickQueue } from './click-queue';

describe('ClickQueue', () => {
  it('hands out clicks in time order, only once they are due', () => {
    const queue = new ClickQueue();
    for (const at of [50, 10, 40, 20, 30, 10]) queue.push({ at, decisionId: `d${at}` });
    expect(queue.popDue(5)).toBeUndefined();
    const due: number[] = [];
    for (let click = queue.popDue(35); click !== undefined; click = queue.popDue(35)) {
      due.push(click.at);
    }
    expect(due).toEqual([10, 10, 20, 30]);
    expect(queue.size).toBe(2);
    expect(queue.popDue(100)?.at).toBe(40);
  });
});
