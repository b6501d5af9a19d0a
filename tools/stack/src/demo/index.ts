export { describeReport, runDemo, type CustomerReport, type DemoTargets } from './demo';
export {
  firstCustomers,
  parseCsvLine,
  revenueOf,
  type InvoiceLine,
  type RetailCustomer,
} from './retail-customers';
