import 'reflect-metadata';
import { MetadataStorage } from '@mikro-orm/core';

// MikroORM keeps entity metadata in a process-wide store; Jest's sandboxed globals make its Map
// copies fail (mikro-orm/mikro-orm#3783). Each test file starts from an empty store.
MetadataStorage.clear();
