<#ftl output_format="plainText">
<#-- Plain-text version of html/monespace-code.ftl. -->
<#import "template.ftl" as layout>
<@layout.emailLayout titleKey="monespaceCodeTitle">
<@layout.paragraph key="monespaceEmailGreeting"/>
<@layout.paragraph key="monespaceCodeBody"/>
<@layout.paragraph text=code/>
<@layout.paragraph key="monespaceCodeValidity" args=[validity]/>
<@layout.paragraph key="monespaceEmailNotYou"/>
</@layout.emailLayout>
