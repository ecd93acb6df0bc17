// Building the overlay's DOM: every string is set as text, never parsed as markup.
export const SVG_NS = 'http://www.w3.org/2000/svg';

export { el, appendText } from '../shared/element.js';
