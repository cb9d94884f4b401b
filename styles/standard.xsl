<?xml version="1.0" encoding="UTF-8"?>
<!-- standard.xsl - the standard look: A4, DejaVu Sans 11.5 pt, ragged right.
     Look only: every size, font, colour and margin the templates use is a parameter or an
     attribute set here. A house style imports this file and overrides what differs
     (large-print.xsl does), as a DocBook XSL customization layer does. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format">

  <xsl:import href="../templates/cindoc.xsl"/>

  <!-- Page: A4 portrait. Letters are folded into a DL window envelope, so margins stay clear of
       the window (see window.*). Lengths in mm are plain numbers so that templates can place
       the address window exactly. -->
  <xsl:param name="page.width">210mm</xsl:param>
  <xsl:param name="page.height">297mm</xsl:param>
  <xsl:param name="page.margin.top.mm" select="12"/>
  <xsl:param name="page.margin.bottom.mm" select="12"/>
  <xsl:param name="page.margin.inner.mm" select="20"/>
  <xsl:param name="page.margin.outer.mm" select="20"/>
  <!-- space for the running header and footer, inside the page margins -->
  <xsl:param name="region.before.extent.mm" select="16"/>
  <xsl:param name="region.after.extent.mm" select="12"/>
  <xsl:param name="body.margin.top.mm" select="20"/>
  <xsl:param name="body.margin.bottom.mm" select="13"/>

  <!-- The address window of a DL envelope (left window): 20 mm from the left edge of the
       sheet, 45 to 50 mm from the top, about 90 mm wide on a folded A4 sheet; the address uses
       80 mm by 30 mm of it, starting 47 mm from the top. -->
  <xsl:param name="window.left.mm" select="20"/>
  <xsl:param name="window.top.mm" select="47"/>
  <xsl:param name="window.width.mm" select="80"/>
  <xsl:param name="window.height.mm" select="30"/>
  <!-- where the letter text starts below the window, from the top of the sheet -->
  <xsl:param name="letter.text.top.mm" select="81"/>

  <!-- Type. DejaVu Sans has wide letters and open shapes: it reads well at small sizes and on
       poor photocopies. It is the family of every copy, a right-to-left one too: Urdu text (its
       language, ur) is set in Nastaliq and Arabic in Naskh by fonts/fonts.conf, while the Latin
       runs of an Urdu copy (names, postcodes, phone numbers, English case text) keep the body
       font for their letters, digits and spaces alike (with Nastaliq as the family, a postcode's
       digits and space came from Nastaliq, its letters from DejaVu: "NB3 5RW" closed up).
       Nastaliq needs more line height. -->
  <xsl:param name="body.font.family">DejaVu Sans</xsl:param>
  <xsl:param name="body.font.size">11pt</xsl:param>
  <xsl:param name="body.line-height">1.4</xsl:param>
  <xsl:param name="rtl.line-height">2.1</xsl:param>
  <xsl:param name="small.font.size">8.5pt</xsl:param>
  <xsl:param name="table.font.size">10pt</xsl:param>
  <!-- ragged right: even word spacing is easier to read than justified text -->
  <xsl:param name="body.text-align">start</xsl:param>

  <!-- Colour: dark text on white; one accent for headings and rules, dark enough for
       4.5:1 contrast. -->
  <xsl:param name="text.color">#1a1a1a</xsl:param>
  <xsl:param name="accent.color">#1d4f73</xsl:param>
  <xsl:param name="muted.color">#4a4a4a</xsl:param>
  <xsl:param name="rule.color">#8aa3b5</xsl:param>
  <xsl:param name="shade.color">#e8eef3</xsl:param>
  <xsl:param name="marking.color">#8b1a1a</xsl:param>

  <!-- Quotation: the child's own words stand apart, upright (long italic text is hard to
       read). -->
  <xsl:param name="quote.font.style">normal</xsl:param>

  <xsl:attribute-set name="root.properties">
    <xsl:attribute name="font-family"><xsl:value-of select="$body.font.family"/></xsl:attribute>
    <xsl:attribute name="font-size"><xsl:value-of select="$body.font.size"/></xsl:attribute>
    <xsl:attribute name="line-height">
      <xsl:choose>
        <xsl:when test="$l10n.dir = 'rtl'"><xsl:value-of select="$rtl.line-height"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$body.line-height"/></xsl:otherwise>
      </xsl:choose>
    </xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$text.color"/></xsl:attribute>
    <xsl:attribute name="text-align"><xsl:value-of select="$body.text-align"/></xsl:attribute>
  </xsl:attribute-set>

  <!-- Running header and footer -->
  <xsl:attribute-set name="marking.properties">
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="font-size">9pt</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$marking.color"/></xsl:attribute>
    <xsl:attribute name="text-align">center</xsl:attribute>
    <xsl:attribute name="line-height">1.2</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="header.properties">
    <xsl:attribute name="font-size"><xsl:value-of select="$small.font.size"/></xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$muted.color"/></xsl:attribute>
    <xsl:attribute name="line-height">1.3</xsl:attribute>
    <xsl:attribute name="border-bottom-style">solid</xsl:attribute>
    <xsl:attribute name="border-bottom-width">0.5pt</xsl:attribute>
    <xsl:attribute name="border-bottom-color"><xsl:value-of select="$rule.color"/></xsl:attribute>
    <xsl:attribute name="padding-bottom">1.5mm</xsl:attribute>
  </xsl:attribute-set>
  <!-- under the header: the section a page of a plan or minutes goes on with -->
  <xsl:attribute-set name="header.continued.properties">
    <xsl:attribute name="font-size"><xsl:value-of select="$small.font.size"/></xsl:attribute>
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$muted.color"/></xsl:attribute>
    <xsl:attribute name="line-height">1.3</xsl:attribute>
    <xsl:attribute name="padding-top">1mm</xsl:attribute>
  </xsl:attribute-set>
  <!-- above the footer of a letter's pages before its last -->
  <xsl:attribute-set name="footer.more.properties">
    <xsl:attribute name="font-size"><xsl:value-of select="$small.font.size"/></xsl:attribute>
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$muted.color"/></xsl:attribute>
    <xsl:attribute name="line-height">1.3</xsl:attribute>
    <xsl:attribute name="text-align">end</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="footer.properties">
    <xsl:attribute name="font-size"><xsl:value-of select="$small.font.size"/></xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$muted.color"/></xsl:attribute>
    <xsl:attribute name="line-height">1.3</xsl:attribute>
    <xsl:attribute name="border-top-style">solid</xsl:attribute>
    <xsl:attribute name="border-top-width">0.5pt</xsl:attribute>
    <xsl:attribute name="border-top-color"><xsl:value-of select="$rule.color"/></xsl:attribute>
    <xsl:attribute name="padding-top">1.5mm</xsl:attribute>
  </xsl:attribute-set>

  <!-- Titles and headings (H1 document title, H2 sections, H3 sub-sections) -->
  <xsl:attribute-set name="title.properties">
    <xsl:attribute name="font-size">20pt</xsl:attribute>
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="line-height">1.2</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$accent.color"/></xsl:attribute>
    <xsl:attribute name="space-after">2mm</xsl:attribute>
    <xsl:attribute name="keep-with-next.within-page">always</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="subtitle.properties">
    <xsl:attribute name="font-size">12pt</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$muted.color"/></xsl:attribute>
    <xsl:attribute name="space-after">6mm</xsl:attribute>
    <xsl:attribute name="keep-with-next.within-page">always</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="section.title.level1.properties">
    <xsl:attribute name="font-size">14.5pt</xsl:attribute>
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="line-height">1.25</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$accent.color"/></xsl:attribute>
    <xsl:attribute name="space-before">7mm</xsl:attribute>
    <xsl:attribute name="space-after">2.5mm</xsl:attribute>
    <xsl:attribute name="padding-bottom">1mm</xsl:attribute>
    <xsl:attribute name="border-bottom-style">solid</xsl:attribute>
    <xsl:attribute name="border-bottom-width">0.75pt</xsl:attribute>
    <xsl:attribute name="border-bottom-color"><xsl:value-of select="$rule.color"/></xsl:attribute>
    <xsl:attribute name="keep-with-next.within-page">always</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="section.title.level2.properties">
    <xsl:attribute name="font-size">12pt</xsl:attribute>
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="line-height">1.25</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$accent.color"/></xsl:attribute>
    <xsl:attribute name="space-before">5mm</xsl:attribute>
    <xsl:attribute name="space-after">1.5mm</xsl:attribute>
    <xsl:attribute name="keep-with-next.within-page">always</xsl:attribute>
  </xsl:attribute-set>

  <!-- Body text -->
  <xsl:attribute-set name="para.properties">
    <xsl:attribute name="space-after">2.5mm</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="lead.properties">
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="keep-with-next.within-page">always</xsl:attribute>
    <xsl:attribute name="space-after">1mm</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="strong.properties">
    <xsl:attribute name="font-weight">bold</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="quote.properties">
    <xsl:attribute name="font-style"><xsl:value-of select="$quote.font.style"/></xsl:attribute>
    <xsl:attribute name="font-size">12pt</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$accent.color"/></xsl:attribute>
    <xsl:attribute name="start-indent">6mm</xsl:attribute>
    <xsl:attribute name="end-indent">6mm</xsl:attribute>
    <xsl:attribute name="padding-start">4mm</xsl:attribute>
    <xsl:attribute name="border-start-style">solid</xsl:attribute>
    <xsl:attribute name="border-start-width">2pt</xsl:attribute>
    <xsl:attribute name="border-start-color"><xsl:value-of select="$rule.color"/></xsl:attribute>
    <xsl:attribute name="space-before">1.5mm</xsl:attribute>
    <xsl:attribute name="space-after">3mm</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="note.properties">
    <xsl:attribute name="font-size"><xsl:value-of select="$small.font.size"/></xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$muted.color"/></xsl:attribute>
    <xsl:attribute name="space-after">2mm</xsl:attribute>
  </xsl:attribute-set>
  <!-- a copy in another language than the case's says that some parts are in English -->
  <xsl:attribute-set name="notice.properties">
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="border-start-style">solid</xsl:attribute>
    <xsl:attribute name="border-start-width">2pt</xsl:attribute>
    <xsl:attribute name="border-start-color"><xsl:value-of select="$rule.color"/></xsl:attribute>
    <xsl:attribute name="padding-start">3mm</xsl:attribute>
    <xsl:attribute name="space-before">4mm</xsl:attribute>
    <xsl:attribute name="space-after">4mm</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="box.properties">
    <xsl:attribute name="background-color"><xsl:value-of select="$shade.color"/></xsl:attribute>
    <xsl:attribute name="padding">3mm</xsl:attribute>
    <xsl:attribute name="space-before">2mm</xsl:attribute>
    <xsl:attribute name="space-after">4mm</xsl:attribute>
  </xsl:attribute-set>

  <!-- Lists -->
  <xsl:attribute-set name="list.properties">
    <xsl:attribute name="provisional-distance-between-starts">6mm</xsl:attribute>
    <xsl:attribute name="provisional-label-separation">2mm</xsl:attribute>
    <xsl:attribute name="space-after">3mm</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="list.item.properties">
    <xsl:attribute name="space-after">1mm</xsl:attribute>
  </xsl:attribute-set>

  <!-- Tables -->
  <xsl:attribute-set name="table.properties">
    <xsl:attribute name="font-size"><xsl:value-of select="$table.font.size"/></xsl:attribute>
    <xsl:attribute name="line-height">1.35</xsl:attribute>
    <xsl:attribute name="space-after">4mm</xsl:attribute>
    <xsl:attribute name="border-collapse">collapse</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="table.header.cell.properties">
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="background-color"><xsl:value-of select="$shade.color"/></xsl:attribute>
    <xsl:attribute name="padding">1.5mm</xsl:attribute>
    <xsl:attribute name="border-bottom-style">solid</xsl:attribute>
    <xsl:attribute name="border-bottom-width">0.75pt</xsl:attribute>
    <xsl:attribute name="border-bottom-color"><xsl:value-of select="$rule.color"/></xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="table.cell.properties">
    <xsl:attribute name="padding">1.5mm</xsl:attribute>
    <xsl:attribute name="border-bottom-style">solid</xsl:attribute>
    <xsl:attribute name="border-bottom-width">0.5pt</xsl:attribute>
    <xsl:attribute name="border-bottom-color"><xsl:value-of select="$rule.color"/></xsl:attribute>
  </xsl:attribute-set>
  <!-- a plan item: one table, the six questions down the left -->
  <xsl:param name="item.label.width">38%</xsl:param>
  <xsl:param name="item.text.width">62%</xsl:param>
  <xsl:attribute-set name="item.title.properties">
    <xsl:attribute name="font-size">12pt</xsl:attribute>
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="space-before">4mm</xsl:attribute>
    <xsl:attribute name="space-after">1.5mm</xsl:attribute>
    <xsl:attribute name="keep-with-next.within-page">always</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="item.done.properties">
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="color">#1f6b35</xsl:attribute>
  </xsl:attribute-set>
  <!-- a step whose "by when" has passed: flagged in the minutes -->
  <xsl:attribute-set name="late.properties">
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="color">#a4262c</xsl:attribute>
  </xsl:attribute-set>
  <!-- scaling: a score stands out -->
  <xsl:attribute-set name="score.properties">
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="font-size">13pt</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$accent.color"/></xsl:attribute>
  </xsl:attribute-set>
  <xsl:param name="scaling.col1.width">30%</xsl:param>
  <xsl:param name="scaling.col2.width">12%</xsl:param>
  <xsl:param name="scaling.col3.width">43%</xsl:param>
  <xsl:param name="scaling.col4.width">15%</xsl:param>
  <!-- a first meeting has no "last time" column: the reason takes its width -->
  <xsl:param name="scaling.col3.first.width">58%</xsl:param>
  <!-- the plan's agreement page: name, signature, date; a row tall enough to sign in -->
  <xsl:param name="agree.col1.width">45%</xsl:param>
  <xsl:param name="agree.col2.width">35%</xsl:param>
  <xsl:param name="agree.col3.width">20%</xsl:param>
  <xsl:param name="agree.row.height">16mm</xsl:param>

  <!-- Letters -->
  <!-- The sender sits at the top right, clear of the envelope's window, and the address in the
       window is aligned left for the post: the sheet's sides, whatever the writing mode (at the
       right is also the reading side of a right-to-left copy). -->
  <xsl:attribute-set name="letter.sender.properties">
    <xsl:attribute name="text-align">right</xsl:attribute>
    <xsl:attribute name="font-size">9.5pt</xsl:attribute>
    <xsl:attribute name="line-height">1.35</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$muted.color"/></xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="letter.authority.properties">
    <xsl:attribute name="font-size">13pt</xsl:attribute>
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="color"><xsl:value-of select="$accent.color"/></xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="letter.address.properties">
    <xsl:attribute name="font-size">11pt</xsl:attribute>
    <xsl:attribute name="line-height">1.3</xsl:attribute>
    <xsl:attribute name="text-align">left</xsl:attribute>
  </xsl:attribute-set>
  <!-- how many lines of letter.address.properties fit in the window; a longer address (four
       lines and a country abroad) is set in letter.address.compact.properties, which fits nine:
       the address is read by the post, and must stay inside the window to arrive -->
  <xsl:param name="window.address.lines" select="6"/>
  <xsl:attribute-set name="letter.address.compact.properties">
    <xsl:attribute name="font-size">8.5pt</xsl:attribute>
    <xsl:attribute name="line-height">1.05</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="letter.date.properties">
    <xsl:attribute name="space-after">4mm</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="letter.subject.properties">
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="font-size">12pt</xsl:attribute>
    <xsl:attribute name="space-before">4mm</xsl:attribute>
    <xsl:attribute name="space-after">4mm</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="letter.signature.properties">
    <xsl:attribute name="space-before">6mm</xsl:attribute>
    <xsl:attribute name="keep-together.within-page">always</xsl:attribute>
  </xsl:attribute-set>
  <!-- the gap left for a handwritten signature -->
  <xsl:param name="signature.gap">9mm</xsl:param>
  <!-- the case note: a plain file record -->
  <xsl:attribute-set name="record.label.properties">
    <xsl:attribute name="font-weight">bold</xsl:attribute>
    <xsl:attribute name="padding">1.2mm</xsl:attribute>
  </xsl:attribute-set>
</xsl:stylesheet>
