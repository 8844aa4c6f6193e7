import express4 from 'express4';
import express5 from 'express5';
import { runConformanceSuite, type ThrowStyle } from './conformance.js';
import { asListener, createExpressApp } from './support/express-app.js';

const synchronous = (style: ThrowStyle): boolean => style !== 'async';

runConformanceSuite({
  name: 'express@4',
  throwStyles: ['sync', 'next'],
  falsyThrowIsNoError: synchronous,
  createApp: (options) => asListener(createExpressApp(express4, options)),
});

runConformanceSuite({
  name: 'express@5',
  throwStyles: ['sync', 'next', 'async'],
  falsyThrowIsNoError: synchronous,
  createApp: (options) => asListener(createExpressApp(express5, options)),
});
