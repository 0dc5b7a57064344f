/// The OpenAPI 3.1 document of the filing service, served at `GET /openapi.yaml`; the tests check that it names every
/// route the router has, and the route tests follow it.
public enum FilingAPIDocument {
    public static let yaml = #"""
openapi: 3.1.0
info:
  title: SealStation online filing service (电子印章备案服务)
  version: "1"
  description: >-
    Receives the filing bundles (备案包) of SealStation stations, verifies and imports them exactly as
    `sealfiling import` does (sequence, gaps, replays, forks, CRLs), and answers whether a seal is filed, by which
    station, and whether it is in force or revoked. Every /v1 route needs a client's bearer token
    (`sealfiling clients add NAME`).
servers:
  - url: http://127.0.0.1:8700
security:
  - clientToken: []
paths:
  /health:
    get:
      summary: The service and its database answer.
      security: []
      responses:
        "200": {description: Healthy., content: {application/json: {schema: {type: object, properties: {status: {const: ok}}}}}}
        "503": {$ref: "#/components/responses/Unavailable"}
  /metrics:
    get:
      summary: Prometheus metrics (bundles by outcome, seals imported, requests and latencies by route).
      security: []
      responses:
        "200": {description: Prometheus text exposition format 0.0.4., content: {text/plain: {schema: {type: string}}}}
  /openapi.yaml:
    get:
      summary: This document.
      security: []
      responses:
        "200": {description: OpenAPI 3.1., content: {application/yaml: {schema: {type: string}}}}
  /v1/bundles:
    post:
      summary: Upload a filing bundle; it is verified, then imported in one transaction.
      description: "An encrypted bundle (filing-….zip.p7e, a GB/T 35275 EnvelopedData) is decrypted in memory first with the key the service was started with (sealfiling serve --decrypt-key); without it, or for another recipient, it is 422 naming its recipient."
      requestBody:
        required: true
        content:
          application/zip: {schema: {type: string, contentMediaType: application/zip}}
          application/octet-stream: {schema: {type: string}}
      responses:
        "201": {description: Imported., content: {application/json: {schema: {$ref: "#/components/schemas/ImportResult"}}}}
        "200": {description: Already imported; nothing changed., content: {application/json: {schema: {$ref: "#/components/schemas/ImportResult"}}}}
        "400": {$ref: "#/components/responses/Problem"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "409": {description: "A sequence anomaly: a gap, a late bundle, a broken chain or a fork; nothing was stored.", content: {application/json: {schema: {$ref: "#/components/schemas/Problem"}}}}
        "413": {$ref: "#/components/responses/Problem"}
        "422": {description: "The bundle does not verify (details: the verification report) or the import policy refuses it; nothing was stored.", content: {application/json: {schema: {$ref: "#/components/schemas/Problem"}}}}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/seals:
    get:
      summary: Filed seals, newest first, a page at a time.
      parameters:
        - {name: creditCode, in: query, description: The unit's 统一社会信用代码 (any case)., schema: {type: string, maxLength: 18}}
        - {name: name, in: query, description: Text the seal's name contains., schema: {type: string, maxLength: 64}}
        - {name: state, in: query, description: "issued, revoked, superseded…", schema: {type: string, maxLength: 32}}
        - {name: page, in: query, schema: {type: integer, minimum: 1, maximum: 1000000, default: 1}}
        - {name: pageSize, in: query, schema: {type: integer, minimum: 1, maximum: 500, default: 50}}
      responses:
        "200": {description: A page of seals., content: {application/json: {schema: {$ref: "#/components/schemas/SealPage"}}}}
        "400": {$ref: "#/components/responses/Problem"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/seals/{esID}:
    get:
      summary: One filed seal, its validity, its certificate's revocation status, its uses and its station.
      parameters: [{$ref: "#/components/parameters/esID"}]
      responses:
        "200": {description: The seal., content: {application/json: {schema: {$ref: "#/components/schemas/Seal"}}}}
        "400": {$ref: "#/components/responses/Problem"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "404": {$ref: "#/components/responses/Problem"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/seals/{esID}/image:
    get:
      summary: The seal's filed image (PNG).
      parameters: [{$ref: "#/components/parameters/esID"}]
      responses:
        "200": {description: The PNG., content: {image/png: {schema: {type: string, contentMediaType: image/png}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "404": {$ref: "#/components/responses/Problem"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/stations:
    get:
      summary: The stations enrolled, with their bundles' standing.
      responses:
        "200": {description: The stations., content: {application/json: {schema: {type: array, items: {$ref: "#/components/schemas/Station"}}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/stations/{id}/bundles:
    get:
      summary: A station's bundles in sequence order, the numbers missing and the anomalies accepted.
      parameters: [{$ref: "#/components/parameters/stationID"}]
      responses:
        "200": {description: The bundles., content: {application/json: {schema: {$ref: "#/components/schemas/StationBundles"}}}}
        "400": {$ref: "#/components/responses/Problem"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "404": {$ref: "#/components/responses/Problem"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/stations/{id}/crl:
    get:
      summary: The station CA's latest filed CRL (DER).
      parameters: [{$ref: "#/components/parameters/stationID"}]
      responses:
        "200": {description: The CRL., content: {application/pkix-crl: {schema: {type: string, contentMediaType: application/pkix-crl}}}}
        "400": {$ref: "#/components/responses/Problem"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "404": {$ref: "#/components/responses/Problem"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/verify:
    post:
      summary: Verify a seal, a signature, or a stamped OFD or PDF, and say whether every seal in it is filed.
      description: >-
        The body is recognised by its content, whatever its Content-Type: a DER SES_Seal or SES_Signature, an OFD (a ZIP
        with OFD.xml) or a PDF (%PDF-). A detached signature is verified with the document it signs when both are sent
        as multipart/form-data (parts `signature` and `document`); sent alone, its document hash is not checked.
        Certificates are chained to the station CAs this service knows (given at enrolment or filed) and looked up on
        the CRLs the stations filed. The answer is 200 whatever the verdict: a seal of another system is reported with
        `knownIssuer: false` and `filed: false`. `revokedAtSigningTime` compares the signing time the signature claims
        with the seal's 注销 filed by its station and its holder certificate's entry on the station's latest filed CRL.
      requestBody:
        required: true
        content:
          application/octet-stream: {schema: {type: string, contentMediaType: application/octet-stream}}
          application/pdf: {schema: {type: string, contentMediaType: application/pdf}}
          application/ofd: {schema: {type: string, contentMediaType: application/ofd}}
          multipart/form-data:
            schema:
              type: object
              required: [signature]
              properties:
                signature: {type: string, contentMediaType: application/octet-stream, description: The detached SES_Signature (DER).}
                document: {type: string, contentMediaType: application/octet-stream, description: The document it signs.}
      responses:
        "200": {description: The verification report and the filing status of every seal., content: {application/json: {schema: {$ref: "#/components/schemas/VerifyResult"}}}}
        "400": {description: "An empty body, or a form without its signature part or with other parts.", content: {application/json: {schema: {$ref: "#/components/schemas/Problem"}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "413": {$ref: "#/components/responses/Problem"}
        "415": {description: "Not a seal, a signature, an OFD or a PDF (unsupported-content).", content: {application/json: {schema: {$ref: "#/components/schemas/Problem"}}}}
        "422": {description: "A DER that is neither an SES_Seal nor an SES_Signature, or an OFD or PDF that cannot be read (malformed).", content: {application/json: {schema: {$ref: "#/components/schemas/Problem"}}}}
        "503": {$ref: "#/components/responses/Unavailable"}
components:
  securitySchemes:
    clientToken: {type: http, scheme: bearer, description: "A client token, sft_ and 43 base64url characters."}
  parameters:
    esID: {name: esID, in: path, required: true, schema: {type: string, minLength: 1, maxLength: 64}}
    stationID: {name: id, in: path, required: true, description: SM3 (hex) of the station's CA certificate., schema: {type: string, pattern: "^[0-9a-f]{64}$"}}
  responses:
    Problem: {description: Refused., content: {application/json: {schema: {$ref: "#/components/schemas/Problem"}}}}
    Unauthorized:
      description: No valid client token (absent, unknown or revoked); nothing was stored.
      headers: {WWW-Authenticate: {schema: {type: string}}}
      content: {application/json: {schema: {$ref: "#/components/schemas/Problem"}}}
    Unavailable:
      description: The filing database cannot be reached; nothing was stored. Retry after the seconds given.
      headers: {Retry-After: {schema: {type: integer}}}
      content: {application/json: {schema: {$ref: "#/components/schemas/Problem"}}}
  schemas:
    Problem:
      type: object
      required: [error, message]
      properties:
        error: {type: string, description: "A stable code: invalid-bundle, sequence-anomaly, refused, station-not-enrolled, unauthorized, client-revoked, too-large, empty-body, bad-parameter, not-found, unavailable, unsupported-content, malformed, bad-form."}
        message: {type: string}
        details: {description: The bundle's verification report (invalid-bundle).}
    ImportResult:
      type: object
      required: [status, stationID, stationName, sequence, sm3, seals, uses, message]
      properties:
        status: {enum: [imported, already-imported]}
        stationID: {type: string}
        stationName: {type: string}
        sequence: {type: integer}
        sm3: {type: string}
        seals: {type: integer}
        uses: {type: integer}
        anomaly: {type: [string, "null"]}
        message: {type: string}
    SealDescription:
      type: object
      description: The filing's fields as the station filed them (filing.json).
      required: [esID, name, kind, unitName, creditCode, state, validFrom, validTo, issuedAt]
      properties:
        esID: {type: string}
        name: {type: string}
        kind: {type: string}
        template: {type: string}
        unitName: {type: string}
        creditCode: {type: string}
        useName: {type: [string, "null"]}
        holderName: {type: [string, "null"]}
        holderIDNumber: {type: [string, "null"]}
        physicalCode: {type: [string, "null"]}
        state: {type: string}
        validFrom: {type: string, format: date-time}
        validTo: {type: string, format: date-time}
        issuedAt: {type: string, format: date-time}
        issuedBy: {type: [string, "null"]}
        approvedBy: {type: [string, "null"]}
        replacesESID: {type: [string, "null"]}
        revokedAt: {type: [string, "null"], format: date-time}
        revokeReason: {type: [string, "null"]}
    Revocation:
      type: object
      required: [status, serial]
      properties:
        status: {enum: [revoked, not-revoked, no-crl]}
        serial: {type: string}
        reason: {type: string}
        reasonCode: {type: integer}
        reasonChinese: {type: string}
        revocationDate: {type: string, format: date-time}
        invalidityDate: {type: string, format: date-time}
        crlNumber: {type: integer}
        crlThisUpdate: {type: string, format: date-time}
        crlNextUpdate: {type: string, format: date-time}
        stale: {type: boolean}
    Seal:
      type: object
      required: [seal, validNow, revocation, uses, station, bundleSequence, sealSM3]
      properties:
        seal: {$ref: "#/components/schemas/SealDescription"}
        validNow: {type: boolean}
        revocation: {$ref: "#/components/schemas/Revocation"}
        uses: {type: integer}
        station: {type: object, properties: {id: {type: string}, name: {type: string}, organization: {type: string}}}
        bundleSequence: {type: integer}
        sealSM3: {type: string}
    SealPage:
      type: object
      required: [seals, page, pageSize, hasMore]
      properties:
        seals:
          type: array
          items:
            type: object
            properties:
              seal: {$ref: "#/components/schemas/SealDescription"}
              stationID: {type: string}
              bundleSequence: {type: integer}
              href: {type: string}
        page: {type: integer}
        pageSize: {type: integer}
        hasMore: {type: boolean}
    Station:
      type: object
      required: [id, name, organization, firstImportedAt, bundles, missing]
      properties:
        id: {type: string}
        name: {type: string}
        organization: {type: string}
        firstImportedAt: {type: string, format: date-time}
        bundles: {type: integer}
        lastSequence: {type: integer}
        lastImportedAt: {type: string, format: date-time}
        missing: {type: array, items: {type: array, items: {type: integer}, minItems: 2, maxItems: 2}, description: "Ranges [first, last] of numbers never imported."}
    VerifyResult:
      type: object
      required: [kind, isValid, seals]
      properties:
        kind: {enum: [seal, signature, ofd, pdf]}
        isValid: {type: boolean, description: Whether every signature and check passed (the filing status is not part of it).}
        document: {$ref: "#/components/schemas/DocumentReport"}
        seal: {$ref: "#/components/schemas/SESReport"}
        seals: {type: array, items: {$ref: "#/components/schemas/SealFilingStatus"}}
    SealFilingStatus:
      type: object
      required: [esID, name, filed, knownIssuer]
      properties:
        signatureID: {type: string, description: The signature's ID in the document (OFD Signature ID, PDF field name); absent for a bare seal.}
        esID: {type: string}
        name: {type: string}
        signingTime: {type: string, format: date-time}
        filed: {type: boolean}
        matchesFiledSeal: {type: boolean, description: The SES_Seal found is byte for byte the one filed under its esID.}
        knownIssuer: {type: boolean, description: The seal maker's certificate chains to a station CA this service knows.}
        station: {type: object, properties: {id: {type: string}, name: {type: string}, organization: {type: string}}}
        state: {enum: [issued, superseded, revoked]}
        revokedAtSigningTime: {type: boolean, description: The seal or its holder certificate was revoked at or before the signing time; absent when not filed or without a signing time.}
        revocation:
          type: object
          properties:
            time: {type: string, format: date-time}
            reason: {type: string}
            source: {enum: [filing, crl]}
        crl: {$ref: "#/components/schemas/Revocation"}
    SESReport:
      type: object
      description: The checks of an SES_Seal or SES_Signature (sealstation seal verify --json).
      properties:
        subject: {type: string}
        evaluatedAt: {type: string, format: date-time}
        checks:
          type: array
          items:
            type: object
            properties:
              id: {type: string}
              title: {type: string}
              status: {enum: [passed, failed, skipped]}
              detail: {type: string}
        deviations: {type: array}
    DocumentReport:
      type: object
      description: The report sealstation verify --json prints for an OFD, a PDF or a detached signature.
      properties:
        format: {enum: [ofd, pdf, detached]}
        document: {type: string}
        documentSM3: {type: string}
        evaluatedAt: {type: string, format: date-time}
        isValid: {type: boolean}
        problems: {type: array, items: {type: string}}
        warnings: {type: array, items: {type: object, properties: {signatureID: {type: [string, "null"]}, message: {type: string}}}}
        signatures:
          type: array
          items:
            type: object
            properties:
              id: {type: string}
              location: {type: string}
              kind: {enum: [seal, sign]}
              signer: {type: string}
              seal: {type: object, properties: {esID: {type: string}, name: {type: string}, typeCode: {type: integer}, version: {type: string}, vendorID: {type: string}, sealSM3: {type: string}}}
              signingTime: {type: string, format: date-time}
              isValid: {type: boolean}
              checks: {type: array, items: {type: object}}
              ses: {$ref: "#/components/schemas/SESReport"}
              references: {type: array, items: {type: object}}
              unprotected: {type: array, items: {type: object}}
              appearances: {type: array, items: {type: object}}
              failures: {type: array, items: {type: object}}
    StationBundles:
      type: object
      properties:
        station: {$ref: "#/components/schemas/Station"}
        bundles:
          type: array
          items:
            type: object
            properties:
              sequence: {type: integer}
              sm3: {type: string}
              previousSM3: {type: [string, "null"]}
              createdAt: {type: string, format: date-time}
              importedAt: {type: string, format: date-time}
              seals: {type: integer}
              uses: {type: integer}
              crlNumber: {type: [integer, "null"]}
              anomaly: {type: [string, "null"]}
"""#
}
