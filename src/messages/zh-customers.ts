// User-facing text for customers, contacts, 查 and the 360° card (zh-CN); merged into `zh`.
export const zhCustomers = {};
