<#ftl output_format="plainText">
<#-- Plain-text version of html/monespace-reset-link.ftl. -->
<#import "template.ftl" as layout>
<@layout.emailLayout titleKey="monespaceResetMailTitle">
<@layout.paragraph key="monespaceEmailGreeting"/>
<@layout.paragraph key="monespaceResetMailBody"/>
<@layout.button url=link labelKey="monespaceResetMailAction"/>
<@layout.paragraph key="monespaceResetMailValidity" args=[validity]/>
<@layout.paragraph key="monespaceEmailNotYou"/>
</@layout.emailLayout>
