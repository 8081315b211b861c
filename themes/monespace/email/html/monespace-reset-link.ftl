<#-- The single-use reset link (SPEC 4.1). Attributes: link, validity (in words). -->
<#import "template.ftl" as layout>
<@layout.emailLayout titleKey="monespaceResetMailTitle">
<@layout.paragraph key="monespaceEmailGreeting"/>
<@layout.paragraph key="monespaceResetMailBody"/>
<@layout.button url=link labelKey="monespaceResetMailAction"/>
<@layout.paragraph key="monespaceResetMailValidity" args=[validity]/>
<@layout.paragraph key="monespaceEmailNotYou"/>
</@layout.emailLayout>
