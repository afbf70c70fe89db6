export { hasVisibleText, visibleOrNull } from '../domain/text';
