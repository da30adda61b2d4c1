import { marshalRsaPublic, TPM_ALG, TPMA_OBJECT } from '../../protocol/tpm-structures';

/** PolicySecret(TPM_RH_ENDORSEMENT): the authPolicy of the TCG default EK templates. */
const EK_AUTH_POLICY = Buffer.from('837197674484b3f81a90cc8d46a5d724fd52d76e06520b64f2a1da1b331469aa', 'hex');

/**
 * The TCG default RSA 2048 EK template (EK Credential Profile 2.0, template L-1), what
 * `tpm2_createek -G rsa` uses: the EK is derived from the endorsement seed, so it matches the
 * maker's EK certificate.
 */
export const RSA_EK_TEMPLATE = marshalRsaPublic({
  nameAlg: TPM_ALG.sha256,
  attributes: TPMA_OBJECT.fixedTpm | TPMA_OBJECT.fixedParent | TPMA_OBJECT.sensitiveDataOrigin | TPMA_OBJECT.adminWithPolicy | TPMA_OBJECT.restricted | TPMA_OBJECT.decrypt,
  authPolicy: EK_AUTH_POLICY,
  symmetric: { algorithm: TPM_ALG.aes, keyBits: 128, mode: TPM_ALG.cfb },
  scheme: null,
  keyBits: 2048,
  exponent: 0,
  unique: new Uint8Array(256),
});

/** A restricted RSA 2048 signing key (RSASSA, SHA-256), what `tpm2_createak -G rsa -g sha256 -s rsassa` creates. */
export const RSA_AK_TEMPLATE = marshalRsaPublic({
  nameAlg: TPM_ALG.sha256,
  attributes: TPMA_OBJECT.fixedTpm | TPMA_OBJECT.fixedParent | TPMA_OBJECT.sensitiveDataOrigin | TPMA_OBJECT.userWithAuth | TPMA_OBJECT.restricted | TPMA_OBJECT.sign,
  authPolicy: new Uint8Array(0),
  symmetric: null,
  scheme: { algorithm: TPM_ALG.rsassa, hash: TPM_ALG.sha256 },
  keyBits: 2048,
  exponent: 0,
  unique: new Uint8Array(0),
});
