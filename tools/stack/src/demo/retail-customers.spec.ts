import { join } from 'node:path';
import { firstCustomers, parseCsvLine, revenueOf } from './retail-customers';

const sample = join(__dirname, '..', '..', 'demo-data', 'online-retail-sample.csv');

describe('parseCsvLine', () => {
  it('keeps commas and doubled quotes inside quoted fields', () => {
    expect(
      parseCsvLine('536365,21730,"GLASS STAR, ""FROSTED""",6,2010-12-01 08:26:00,4.25,17850.0,UK'),
    ).toEqual([
      '536365',
      '21730',
      'GLASS STAR, "FROSTED"',
      '6',
      '2010-12-01 08:26:00',
      '4.25',
      '17850.0',
      'UK',
    ]);
  });
});

describe('firstCustomers', () => {
  it('reads the first customers of the dataset with only their first invoice', async () => {
    const customers = await firstCustomers(sample, 3);
    expect(customers.map((customer) => [customer.customerId, customer.invoiceNo])).toEqual([
      ['17850', '536365'],
      ['13047', '536367'],
      ['12583', '536370'],
    ]);
    expect(customers[0]?.invoiceDate).toBe('2010-12-01T08:26:00Z');
    expect(customers[0]?.lines).toHaveLength(7);
  });

  it('says which file is missing', async () => {
    await expect(firstCustomers('/nonexistent/online-retail.csv.gz', 1)).rejects.toThrow(
      '/nonexistent/online-retail.csv.gz',
    );
  });
});

describe('revenueOf', () => {
  it('sums quantity × unit price without floating-point drift', () => {
    expect(
      revenueOf([
        { stockCode: 'a', description: '', quantity: 6, unitPrice: 2.55 },
        { stockCode: 'b', description: '', quantity: 6, unitPrice: 3.39 },
      ]),
    ).toBe(35.64);
  });
});
