// The products domain's public face: the catalogue quote lines draw from, its chat action,
// its REST routes, and the field rules the CSV importer shares.
export { createProduct, findProductByRef, listProducts, productFacts, productNameKey, updateProduct } from "./products.ts";
export type { NewProduct, Product, ProductChanges, ProductSource, SaveProductResult } from "./products.ts";
export { productAction } from "./product-action.ts";
export { productsApiRouter } from "./products-api.ts";
export { priceParam, productNameParam, skuParam, taxRateParam, unitParam } from "./product-fields.ts";
