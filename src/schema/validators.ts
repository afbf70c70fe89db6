import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isCalendarDay } from '../common/dates';

// C0 and C1 control characters except tab and line breaks; lone UTF-16 surrogates.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text a person could have typed: no control characters, no broken Unicode, not only spaces. */
export function IsPlainText(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isPlainText',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be plain text without control characters', ...options },
      validator: {
        validate: (value: unknown) =>
          value === null ||
          value === undefined ||
          (typeof value === 'string' && value.trim().length > 0 && !CONTROL.test(value) && !LONE_SURROGATE.test(value)),
      },
    });
  };
}

/** A real calendar day in YYYY-MM-DD form. */
export function IsCalendarDay(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isCalendarDay',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a calendar day YYYY-MM-DD', ...options },
      validator: {
        validate: (value: unknown) => value === null || value === undefined || (typeof value === 'string' && isCalendarDay(value)),
      },
    });
  };
}
