/** The contract's enums that mirror the service's own lists. */
import { LANGUAGE_IDS, PACKAGE_MANAGERS } from "../languages/index.js";
import { builder } from "./builder.js";

export const LanguageEnum = builder.enumType("Language", { values: LANGUAGE_IDS });
export const PackageManagerEnum = builder.enumType("PackageManager", { values: PACKAGE_MANAGERS });
