"""An SI-UBL 2.0 invoice (UBL 2.1, NLCIUS) written from the specification, for the tests:
the parts EN 16931 requires, a purchase-order number, and per line the enrolment and month."""

from decimal import Decimal

PROFIEL = "urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0"


def ubl_factuur(
    *,
    nummer="F-2026-001",
    order="PO-2026-0042",
    kvk="12345678",
    regels=(),
    btw=Decimal("0.00"),
    te_betalen=None,
    netto=None,
    extra="",
) -> bytes:
    """`regels`: (inschrijving uuid, 'jjjj-mm', aantal, prijs) per line; the line amount is
    aantal × prijs. `netto` and `te_betalen` override the totals, to make them wrong."""
    regel_xml, som = [], Decimal("0.00")
    for n, (inschrijving, maand, aantal, prijs) in enumerate(regels, start=1):
        bedrag = (Decimal(aantal) * Decimal(prijs)).quantize(Decimal("0.01"))
        som += bedrag
        regel_xml.append(
            f"""
  <cac:InvoiceLine>
    <cbc:ID>{n}</cbc:ID>
    <cbc:InvoicedQuantity unitCode="HUR">{aantal}</cbc:InvoicedQuantity>
    <cbc:LineExtensionAmount currencyID="EUR">{bedrag}</cbc:LineExtensionAmount>
    <cac:InvoicePeriod>
      <cbc:StartDate>{maand}-01</cbc:StartDate>
      <cbc:EndDate>{maand}-28</cbc:EndDate>
    </cac:InvoicePeriod>
    <cac:OrderLineReference><cbc:LineID>{inschrijving}</cbc:LineID></cac:OrderLineReference>
    <cac:Item>
      <cbc:Name>Inburgeringstraject {maand}</cbc:Name>
      <cac:ClassifiedTaxCategory>
        <cbc:ID>E</cbc:ID><cbc:Percent>0</cbc:Percent>
        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>
      </cac:ClassifiedTaxCategory>
    </cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="EUR">{prijs}</cbc:PriceAmount></cac:Price>
  </cac:InvoiceLine>"""
        )
    netto = som if netto is None else Decimal(netto)
    incl = netto + btw
    te_betalen = incl if te_betalen is None else Decimal(te_betalen)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>{PROFIEL}</cbc:CustomizationID>
  <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>
  <cbc:ID>{nummer}</cbc:ID>
  <cbc:IssueDate>2026-11-05</cbc:IssueDate>
  <cbc:DueDate>2026-12-05</cbc:DueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cbc:BuyerReference>inburgering</cbc:BuyerReference>
  <cac:OrderReference><cbc:ID>{order}</cbc:ID></cac:OrderReference>{extra}
  <cac:AccountingSupplierParty>
    <cac:Party>
      <cbc:EndpointID schemeID="0106">{kvk}</cbc:EndpointID>
      <cac:PostalAddress>
        <cbc:CityName>Eindhoven</cbc:CityName>
        <cac:Country><cbc:IdentificationCode>NL</cbc:IdentificationCode></cac:Country>
      </cac:PostalAddress>
      <cac:PartyLegalEntity>
        <cbc:RegistrationName>Refugee Team</cbc:RegistrationName>
        <cbc:CompanyID schemeID="0106">{kvk}</cbc:CompanyID>
      </cac:PartyLegalEntity>
    </cac:Party>
  </cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty>
    <cac:Party>
      <cbc:EndpointID schemeID="0190">00000001001172773000</cbc:EndpointID>
      <cac:PostalAddress>
        <cbc:CityName>Eindhoven</cbc:CityName>
        <cac:Country><cbc:IdentificationCode>NL</cbc:IdentificationCode></cac:Country>
      </cac:PostalAddress>
      <cac:PartyLegalEntity>
        <cbc:RegistrationName>Gemeente Eindhoven</cbc:RegistrationName>
      </cac:PartyLegalEntity>
    </cac:Party>
  </cac:AccountingCustomerParty>
  <cac:TaxTotal>
    <cbc:TaxAmount currencyID="EUR">{btw}</cbc:TaxAmount>
  </cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="EUR">{netto}</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="EUR">{netto}</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">{incl}</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="EUR">{te_betalen}</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>{"".join(regel_xml)}
</Invoice>
""".encode()
