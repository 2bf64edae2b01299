// The products domain's public face: the catalogue quote lines draw from.
export { createProduct, findProductByRef, listProducts, productFacts, productNameKey, updateProduct } from "./products.ts";
export type { NewProduct, Product, ProductChanges, SaveProductResult } from "./products.ts";
