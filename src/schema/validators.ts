import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isCleanText } from '../security/input-hygiene';


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
          (typeof value === 'string' && value.trim().length > 0 && isCleanText(value)),
      },
    });
  };
}
