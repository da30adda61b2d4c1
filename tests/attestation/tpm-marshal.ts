import { marshalRsaPublic, TPM_ALG } from '../../protocol/tpm-structures';

/** Marshals an RSA TPM2B_PUBLIC as a TPM would, so tests can make EK/AK structures for software keys. */
export function rsaTpm2bPublic(modulus: Buffer, options: { attributes: number; symmetric: boolean }): Buffer {
  return Buffer.from(
    marshalRsaPublic({
      nameAlg: TPM_ALG.sha256,
      attributes: options.attributes,
      authPolicy: new Uint8Array(0),
      symmetric: options.symmetric ? { algorithm: TPM_ALG.aes, keyBits: 128, mode: TPM_ALG.cfb } : null,
      scheme: null,
      keyBits: modulus.length * 8,
      exponent: 0,
      unique: modulus,
    }),
  );
}
