'use client';
// A client component: the package as the browser build gets it.
import { useEffect, useState } from 'react';
import { codes } from '../../app/codes.js';

export default function Codes() {
  const [shown, setShown] = useState('');
  useEffect(() => setShown(codes()), []);
  return <p data-codes={shown}>{shown}</p>;
}
