// A hand-worked month used by the GRR, NRR and MRR churn tests (formulas of ChartMogul's
// "MRR Churn Rate" article and pulserevops q97): start 10,000; expansion 1,500;
// contraction 300; churn 700; reactivation 200.
//   gross MRR churn = (700 + 300) / 10000 = 0.10        GRR = 9000 / 10000 = 0.90
//   net MRR churn   = (1000 − 1500 − 200) / 10000 = −0.07
//   NRR             = (10000 + 1500 + 200 − 1000) / 10000 = 1.07
export const month = {
  startingRevenue: '10000',
  expansion: 1500,
  contraction: '300.00',
  churn: 700,
  reactivation: 200,
} as const
